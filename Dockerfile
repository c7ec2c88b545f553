# Base images. The defaults are the official images; a build without registry access can pass
# others with the same tools (Maven and a JDK 17; a JRE 17), for example images made from Debian
# packages: docker build --build-arg BUILD_IMAGE=... --build-arg RUNTIME_IMAGE=... .
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

# Build stage: Maven on a JDK 17.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY crds ./crds
COPY src ./src
RUN mvn -B -q package -DskipTests

# Run stage: a JRE 17, as a non-root user, sized by the container's memory limit (JVM options in
# deploy/jvm.options). The user and group are written directly (no useradd/groupadd) under a name
# no base image uses: Debian's and Ubuntu's base-passwd already have a group "operator" (gid 37).
FROM ${RUNTIME_IMAGE}
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
