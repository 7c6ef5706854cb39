# Paddock in a container: `docker build -t paddock .`, then
#   docker run -d --name paddock --restart unless-stopped --env-file .env -v paddock-data:/data paddock
# The database lives in the /data volume; settings come from the environment (--env-file)
# or from /data/.env, since Paddock reads .env from its working directory, /data.

# Build the wheels in a throw-away stage, so no compiler cache or source tree reaches the image.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml setup.py README.md LICENSE ./
COPY bot ./bot
COPY cogs ./cogs
COPY data/specs ./data/specs
RUN pip wheel --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 PADDOCK_DATABASE=/data/paddock.db
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-index --find-links=/wheels paddock \
    && useradd --system --uid 10001 --user-group --home-dir /data --no-create-home paddock \
    && mkdir /data && chown paddock:paddock /data
USER paddock
WORKDIR /data
VOLUME /data
# SIGTERM (docker stop) lets the writes in flight finish and closes the database.
STOPSIGNAL SIGTERM
ENTRYPOINT ["paddock"]
CMD ["run"]
