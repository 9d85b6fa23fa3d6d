# twimbot container image.
#
#   docker build -t twimbot .
#   docker run -d --name twimbot -v twimbot-data:/data \
#     -e TWIMBOT_HOMESERVER_URL=https://matrix.example.org -e TWIMBOT_HOMESERVER_USER_ID=@twimbot:example.org \
#     -e TWIMBOT_ROOMS_SUBMISSIONS='#twim:example.org' -e TWIMBOT_EDITORS_USERS=@you:example.org \
#     -e TWIMBOT_ACCESS_TOKEN=syt_... twimbot
#
# Everything the bot keeps lives in the /data volume: the SQLite database, the media directory and,
# if you write one, /data/config.yaml (read by the default command). Without that file the
# environment alone configures the bot, as above: every key is TWIMBOT_<GROUP>_<KEY>, the secrets
# TWIMBOT_ACCESS_TOKEN / TWIMBOT_PASSWORD, or TWIMBOT_ACCESS_TOKEN_FILE / TWIMBOT_PASSWORD_FILE
# naming a file (Docker/Podman secrets: /run/secrets/NAME). Relative paths resolve against /data,
# so the defaults (store.path: twimbot.db, media.dir: media) land in /data/twimbot.db and
# /data/media. A host folder mounted at /data must be writable by uid 10001:
# sudo chown -R 10001:10001 FOLDER. See docs/GUIDE.md, Self-hosting.

# --- build: exactly the README's build command -----------------------------------------------
FROM docker.io/library/maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, from pom.xml alone: this layer is reused until the pom changes, so editing
# the sources does not download the internet again. The plugin version is pinned because the
# default one depends on the Maven version. go-offline misses a few plugin runtime jars (a known
# limitation); the package step below fetches those, so it is not run with -o.
COPY pom.xml .
RUN mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

# --- runtime: JRE only ------------------------------------------------------------------------
# Ubuntu-based (glibc) rather than Alpine: sqlite-jdbc ships native libraries for both, but glibc
# is what it is tested on most; and the image's bash is what the health check below relies on.
FROM docker.io/library/eclipse-temurin:17-jre

# A fixed uid/gid so a bind-mounted /data can be prepared on the host: chown 10001:10001 ./data
RUN groupadd --gid 10001 twimbot \
    && useradd --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin twimbot \
    && mkdir -p /data \
    && chown twimbot:twimbot /data

COPY --from=build /src/target/twimbot.jar /opt/twimbot/twimbot.jar

# The health endpoint is off by default in the config (http.health_port: 0); the image turns it
# on because the HEALTHCHECK needs it. The environment wins over config.yaml, so change the port
# with this variable, not in the file. It listens on the container's loopback address only
# (http.health_address, default 127.0.0.1), which is where the HEALTHCHECK below asks; to probe it
# from outside the container, add -e TWIMBOT_HTTP_HEALTH_ADDRESS=0.0.0.0 and publish the port.
ENV TWIMBOT_HTTP_HEALTH_PORT=8080
# A small bot: cap the heap and use the single-threaded collector (no GC threads per core), the
# flags docs/PERFORMANCE.md measures. C1 alone (-XX:TieredStopAtLevel=1) starts 0.2 s sooner but
# catches up and renders at half the speed. -Xms16m: without it the JVM starts with 1/64 of the host's memory
# as heap, up to the cap (all 64 MiB on a 4 GiB host) and seldom gives it back; from 16 MiB the heap grows only
# as needed (the bot's RSS after an 80-item week on Synapse: 117-118 MiB instead of 134). Media is streamed to /data/media and bundles are zipped from files, so a 50MiB picture
# (the default media.max_bytes) downloads within -Xmx64m (measured). Override with
# -e JAVA_OPTS=... . Not JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS: the JVM announces those on stderr at every
# start ("Picked up ..."); the entry point below passes JAVA_OPTS to java itself, which prints nothing.
# Should the heap ever run out, the process ends (and the restart policy starts it again) rather than
# limp on with a thread lost: a catch-up of 1,200 messages of 60,000 characters peaks at about 41 MB.
ENV JAVA_OPTS="-Xmx64m -Xms16m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"

# Class-data sharing (AppCDS): one demo run records the classes the bot loads into an archive, which
# every start then maps instead of reading, parsing and verifying them again. Start-up to the first
# /sync went from about 0.95 s to 0.65 s (docs/PERFORMANCE.md). The archive must be written by this
# very JRE for this very jar, hence here and not in the build stage. If the run fails, the image is
# still built, without an archive, and java starts as before: a missing archive is ignored, and one
# that does not match (another jar mounted over this one) costs one warning line.
RUN java $JAVA_OPTS -XX:ArchiveClassesAtExit=/opt/twimbot/twimbot.jsa -jar /opt/twimbot/twimbot.jar demo > /dev/null \
    || { rm -f /opt/twimbot/twimbot.jsa; echo "twimbot: no class-data archive; the bot starts without it" >&2; }

WORKDIR /data
VOLUME /data
USER 10001:10001

# The JVM turns SIGTERM into its shutdown hooks: the bot finishes the sync batch in progress
# (committed with its sync token) and exits. Give it the default 10 s (docker stop -t).
STOPSIGNAL SIGTERM

# The JRE image may not keep curl or wget forever; bash's /dev/tcp is enough to send one HTTP
# request and check that the status line says 200 (ok = synced within http.stale_after).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${TWIMBOT_HTTP_HEALTH_PORT:-8080} && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r -t 4 _ code _ <&3 && [ \"$code\" = 200 ]"]

# sh only splits JAVA_OPTS into words and execs: java is PID 1 and receives the stop signal itself. The
# arguments (CMD, or what follows the image name) arrive as "$@".
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -XX:SharedArchiveFile=/opt/twimbot/twimbot.jsa -jar /opt/twimbot/twimbot.jar \"$@\"", "twimbot"]
CMD ["run", "-c", "/data/config.yaml"]
