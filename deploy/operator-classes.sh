#!/bin/sh
# Reads a class list (-XX:DumpLoadedClassList) of a run of the demo and writes the classes the
# operator itself loads: without the demo, the SLB emulator and the embedded Kubernetes API
# server (fabric8's mock server on Vert.x and Netty, and the JDK's HTTP server under the emulator).
exec grep -v -E '^(dev/slbcert/demo|dev/slbcert/emulator|io/fabric8/mockwebserver|io/fabric8/kubernetes/client/server/mock|io/vertx|io/netty|com/sun/net/httpserver|sun/net/httpserver)/'
