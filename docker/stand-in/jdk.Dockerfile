# Stand-in for the JDK_IMAGE of docker/Dockerfile (maven:3-eclipse-temurin-17) where no image registry is
# reachable: Debian's OpenJDK 17 and Maven. Built by docker/base-images.sh; see docs/docker.md.
ARG BASE
FROM ${BASE}
# CAs of an intercepting HTTPS proxy, if the host has any: Maven downloads from Maven Central over HTTPS
COPY certs/ /usr/local/share/ca-certificates/
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates openjdk-17-jdk-headless maven \
    && rm -rf /var/lib/apt/lists/*
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
CMD ["mvn", "--version"]
