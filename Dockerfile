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

# Run stage: a JRE 17, as a non-root user, sized by the container's memory limit. The user and
# group are written directly (no useradd/groupadd) under a name no base image uses: Debian's and
# Ubuntu's base-passwd already have a group "operator" (gid 37).
FROM ${RUNTIME_IMAGE}
RUN echo 'slbcert:x:10001:' >> /etc/group \
 && echo 'slbcert:x:10001:10001:slb-certificate-operator:/nonexistent:/usr/sbin/nologin' >> /etc/passwd
WORKDIR /app
COPY --from=build /src/target/slb-certificate-operator.jar /app/slb-certificate-operator.jar
# Class-data sharing: a training run (the demo, on the loopback) records the classes the operator
# loads into an archive that every start then maps, which cuts start-up time and memory.
RUN java -XX:ArchiveClassesAtExit=/app/slb-certificate-operator.jsa -jar /app/slb-certificate-operator.jar demo > /tmp/demo.log 2>&1 \
 && rm /tmp/demo.log || (cat /tmp/demo.log; exit 1)
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/slb-certificate-operator.jsa", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-jar", "/app/slb-certificate-operator.jar", "run"]
