# Stand-in for the JRE_IMAGE of docker/Dockerfile (eclipse-temurin:17-jre) where no image registry is reachable:
# Debian's OpenJDK 17 runtime. Built by docker/base-images.sh; see docs/docker.md.
ARG BASE
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
    && rm -rf /var/lib/apt/lists/*
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
CMD ["java", "-version"]
