# Stand-in for the demo backends of docker-compose.cluster.yml (itzg/minecraft-server) where no image registry is
# reachable. Not a Minecraft server: the project's test backend, src/test/node/server.js on
# node-minecraft-protocol, which accepts every version it knows (offline mode), brings players into play and
# echoes their chat. It listens on 0.0.0.0:25565, takes its MOTD from $MOTD and answers `mc-health` as the real
# image does. Built by docker/base-images.sh (node_modules comes from `npm ci --omit=dev` on the host);
# docker/stand-in/compose.backends.yml swaps it in.
ARG BASE
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/backend
COPY node_modules/ ./node_modules/
COPY package.json server.js common.js ./
# every module the server needs is there (a pruned one would otherwise show only when the container starts)
RUN node -e "require('./common')"
COPY mc-backend mc-health /usr/local/bin/
USER nobody
EXPOSE 25565
ENTRYPOINT ["mc-backend"]
