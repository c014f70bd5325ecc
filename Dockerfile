# Engage as a container: built with the same pinned toolchain as `make`, run as a non-root user
# with only the binary and the built site in the final image.
#   docker build -t engage .
#   docker run -p 3000:3000 -v engage-data:/data engage

FROM rust:1.95-bookworm AS build
# Node's wasm-opt (binaryen) for the release bundle; Debian's binaryen breaks hydration.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
RUN rustup target add wasm32-unknown-unknown \
 && cargo install cargo-leptos --version 0.3.10 --locked
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
# The wasm-bindgen CLI must be the version the lock file pins.
RUN cargo install wasm-bindgen-cli --version "$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)"
COPY . .
RUN cd end2end && npm ci --no-audit --no-fund
ENV PATH=/src/end2end/node_modules/.bin:$PATH
RUN cargo leptos build --release --precompress

FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin engage \
 && mkdir -p /data && chown engage /data
COPY --from=build /src/target/release/engage /usr/local/bin/engage
COPY --from=build /src/target/site /srv/engage/site
COPY deploy/start.sh /usr/local/bin/engage-start
ENV LEPTOS_SITE_ROOT=/srv/engage/site \
    LEPTOS_SITE_ADDR=0.0.0.0:3000 \
    LEPTOS_ENV=PROD \
    ENGAGE_DATA_DIR=/data \
    ENGAGE_LOG_FORMAT=json
USER engage
WORKDIR /data
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl --fail --silent http://127.0.0.1:3000/readyz || exit 1
ENTRYPOINT ["/usr/local/bin/engage-start"]
