# Build stage: Maven on a JDK 17.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY crds ./crds
COPY src ./src
RUN mvn -B -q package -DskipTests

# Run stage: a JRE 17, as a non-root user, sized by the container's memory limit.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 operator \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin operator
WORKDIR /app
COPY --from=build /src/target/slb-certificate-operator.jar /app/slb-certificate-operator.jar
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-jar", "/app/slb-certificate-operator.jar", "run"]
