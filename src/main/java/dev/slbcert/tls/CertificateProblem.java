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
  /** The private key does not belong to the leaf certificate. */
  KEY_MISMATCH,
  /** The chain is not in leaf-first order. */
  CHAIN_ORDER
}
