#!/bin/sh
# Reads a class list (-XX:DumpLoadedClassList) of a run of the demo and writes the classes the
# operator itself loads: without the demo, the SLB emulator, the JDK's HTTP server under the
# emulator, and the libraries the image's jar leaves out (left-out-of-image beside this script:
# fabric8's mock server on Vert.x and Netty, which the demo's embedded API server is).
# A line "@lambda-proxy <class> ..." goes with its class.
dir=$(dirname "$0")
libraries=$(grep -v '^META-INF/' "$dir/left-out-of-image" | paste -s -d '|' -)
exec grep -v -E "^(@lambda-proxy )?(dev/slbcert/demo|dev/slbcert/emulator|com/sun/net/httpserver|sun/net/httpserver|$libraries)/"
