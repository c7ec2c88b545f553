# Base images. The defaults are the official images; a build without registry access can pass
# others with the same tools (Maven and a JDK 17 with its jmods; a Debian-like base with a shell,
# no Java needed), for example images made from Debian packages:
# docker build --build-arg BUILD_IMAGE=... --build-arg RUNTIME_IMAGE=... .
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=debian:bookworm-slim

# Build stage: Maven on a JDK 17.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY crds ./crds
COPY src ./src
RUN mvn -B -q package -DskipTests
# A Java runtime of the modules the operator needs, made with jlink: those jdeps finds in the jar,
# and those found only at run time as services, which jdeps cannot see (EXTRA_MODULES: elliptic
# curves for TLS, the random number generators). No headers, man pages or debug symbols.
# JLINK_OPTIONS="--compress=2" makes the image about 26 MiB smaller and the process about 7 MiB larger.
ARG EXTRA_MODULES=jdk.crypto.ec,jdk.random
ARG JLINK_OPTIONS=
RUN set -e; \
 modules=$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 target/slb-certificate-operator.jar); \
 jlink --add-modules "$modules,$EXTRA_MODULES" --strip-debug --no-man-pages --no-header-files $JLINK_OPTIONS --output /opt/java; \
 if command -v strip >/dev/null; then strip --strip-unneeded /opt/java/lib/server/libjvm.so; fi; \
 echo "runtime modules: $modules,$EXTRA_MODULES"

# Run stage: the runtime above on a small base, as a non-root user, sized by the container's memory
# limit (JVM options in deploy/jvm.options). The user and group are written directly (no
# useradd/groupadd) under a name no base image uses: Debian's and Ubuntu's base-passwd already
# have a group "operator" (gid 37).
FROM ${RUNTIME_IMAGE}
ENV JAVA_HOME=/opt/java
ENV PATH=/opt/java/bin:$PATH
COPY --from=build /opt/java /opt/java
RUN echo 'slbcert:x:10001:' >> /etc/group \
 && echo 'slbcert:x:10001:10001:slb-certificate-operator:/nonexistent:/usr/sbin/nologin' >> /etc/passwd
WORKDIR /app
COPY deploy/jvm.options /app/jvm.options
COPY --from=build /src/target/slb-certificate-operator.jar /app/slb-certificate-operator.jar
# Class-data sharing: a training run (the demo, on the loopback) lists the classes it loads; those
# of the demo's own embedded API server and SLB emulator are dropped (the operator never loads
# them), and the rest go into an archive that every start maps, which cuts the start-up time. The
# same options and a small heap make the archive fit how the operator starts.
COPY deploy/operator-classes.sh /tmp/operator-classes.sh
RUN set -e; \
 java @/app/jvm.options -Xmx256m -XX:DumpLoadedClassList=/tmp/demo.classlist -jar /app/slb-certificate-operator.jar demo > /tmp/demo.log 2>&1 \
   || { cat /tmp/demo.log; exit 1; }; \
 sh /tmp/operator-classes.sh < /tmp/demo.classlist > /tmp/operator.classlist; \
 java @/app/jvm.options -Xshare:dump -XX:SharedClassListFile=/tmp/operator.classlist -XX:SharedArchiveFile=/app/slb-certificate-operator.jsa \
   -cp /app/slb-certificate-operator.jar > /tmp/dump.log 2>&1 || { cat /tmp/dump.log; exit 1; }; \
 rm -f /tmp/demo.log /tmp/dump.log /tmp/*.classlist /tmp/operator-classes.sh
USER 10001:10001
EXPOSE 8080 8443
# glibc's malloc keeps an arena per busy thread; two keep the native memory small.
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:SharedArchiveFile=/app/slb-certificate-operator.jsa", "-jar", "/app/slb-certificate-operator.jar", "run"]
