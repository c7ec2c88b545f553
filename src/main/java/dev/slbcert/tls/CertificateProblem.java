package dev.slbcert.tls;

/** What is wrong with a certificate/key pair, in terms a user can act on. */
public enum CertificateProblem {
  /** No PEM {@code CERTIFICATE} block was found. */
  NO_CERTIFICATE,
  /** A {@code CERTIFICATE} block could not be decoded as X.509. */
  MALFORMED_CERTIFICATE,
  /** No private key block was found. */
  NO_PRIVATE_KEY,
  /** The private key block could not be decoded. */
  MALFORMED_PRIVATE_KEY,
  /** The private key is protected by a passphrase. */
  ENCRYPTED_PRIVATE_KEY,
  /** The key algorithm is neither RSA nor EC. */
  UNSUPPORTED_KEY_TYPE,
  /** An RSA key outside 1,024 to 4,096 bits, or an EC key on another curve than P-256, P-384 and P-521. */
  UNSUPPORTED_KEY_SIZE,
  /** The PEM text, or its chain, is larger than the operator takes. */
  TOO_LARGE,
  /** The private key does not belong to the leaf certificate. */
  KEY_MISMATCH,
  /** The chain is not in leaf-first order. */
  CHAIN_ORDER
}
