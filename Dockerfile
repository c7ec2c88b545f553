# Base images. The defaults are the official images; a build without registry access can pass
# others (Maven and a JDK 17 with its jmods for the build; for the run stage any base with glibc
# and libstdc++, with or without a shell), for example images made from Debian packages:
# docker build --build-arg BUILD_IMAGE=... --build-arg RUNTIME_IMAGE=... .
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=gcr.io/distroless/cc-debian12

# Build stage: Maven on a JDK 17. Everything the run stage holds is made here, so the run stage
# needs no shell: the runtime, the jar and the class-data archive, at the paths they run from.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY crds ./crds
COPY src ./src
RUN mvn -B -q package -DskipTests
# A Java runtime of the modules the operator needs, made with jlink: those jdeps finds in the jar,
# and those found only at run time as services, which jdeps cannot see (EXTRA_MODULES: elliptic
# curves for TLS, the random number generators). No headers, man pages or debug symbols. A JDK
# that links the system's zlib (Debian's) gets it copied beside its libraries, which find it there
# ($ORIGIN): a distroless base has no zlib.
# JLINK_OPTIONS="--compress=2" makes the image about 26 MiB smaller and the process about 7 MiB larger.
ARG EXTRA_MODULES=jdk.crypto.ec,jdk.random
ARG JLINK_OPTIONS=
RUN set -e; \
 modules=$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 target/slb-certificate-operator.jar); \
 jlink --add-modules "$modules,$EXTRA_MODULES" --strip-debug --no-man-pages --no-header-files $JLINK_OPTIONS --output /opt/java; \
 if command -v strip >/dev/null; then strip --strip-unneeded /opt/java/lib/server/libjvm.so; fi; \
 zlib=$(ldd /opt/java/lib/libzip.so | awk '$1 == "libz.so.1" && $3 ~ /^\// {print $3}'); \
 if [ -n "$zlib" ]; then cp -L "$zlib" /opt/java/lib/libz.so.1; fi; \
 echo "runtime modules: $modules,$EXTRA_MODULES"
WORKDIR /app
COPY deploy/jvm.options /app/jvm.options
# Class-data sharing: a training run (the demo, on the loopback, on the runtime above, with the jar
# the build made) lists the classes it loads; those of the demo's own embedded API server and SLB
# emulator are dropped (the operator never loads them), and the rest go into an archive that every
# start maps, which cuts the start-up time. The same options and a small heap make the archive fit
# how the operator starts.
COPY deploy/operator-classes.sh deploy/left-out-of-image /tmp/
RUN set -e; \
 /opt/java/bin/java @/app/jvm.options -Xmx256m -XX:DumpLoadedClassList=/tmp/demo.classlist -jar /src/target/slb-certificate-operator.jar demo \
   > /tmp/demo.log 2>&1 || { cat /tmp/demo.log; exit 1; }; \
 sh /tmp/operator-classes.sh < /tmp/demo.classlist > /tmp/operator.classlist
# The image's jar: the build's without the libraries only the demo's embedded API server and the
# build use (deploy/left-out-of-image: fabric8's mock server on Vert.x and Netty, the annotation
# processor's code generator). The archive is made from it, and records its path, size and time,
# which the COPY below keeps.
RUN set -e; mkdir /tmp/jar; cd /tmp/jar; \
 jar --extract --file /src/target/slb-certificate-operator.jar; \
 xargs rm -rf < /tmp/left-out-of-image; mv META-INF/MANIFEST.MF /tmp/MANIFEST.MF; \
 jar --create --file /app/slb-certificate-operator.jar --manifest /tmp/MANIFEST.MF -C /tmp/jar .; \
 /opt/java/bin/java @/app/jvm.options -Xshare:dump -XX:SharedClassListFile=/tmp/operator.classlist -XX:SharedArchiveFile=/app/slb-certificate-operator.jsa \
   -cp /app/slb-certificate-operator.jar > /tmp/dump.log 2>&1 || { cat /tmp/dump.log; exit 1; }

# Run stage: the runtime, the jar and the archive on a minimal base (by default distroless: glibc,
# libstdc++, CA certificates and time zones; no shell, no package manager), as a non-root user
# (10001, the chart's runAsUser), sized by the container's memory limit (JVM options in
# deploy/jvm.options).
FROM ${RUNTIME_IMAGE}
ENV JAVA_HOME=/opt/java
ENV PATH=/opt/java/bin:$PATH
COPY --from=build /opt/java /opt/java
COPY --from=build /app /app
WORKDIR /app
USER 10001:10001
EXPOSE 8080 8443
# glibc's malloc keeps an arena per busy thread; two keep the native memory small.
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:SharedArchiveFile=/app/slb-certificate-operator.jsa", "-jar", "/app/slb-certificate-operator.jar", "run"]
