# OpsGate container image: dependencies → build → slim runtime.
#   podman build --format docker -t opsgate .          (docker build -t opsgate . works the same)
# Without registry access, build a local base first and pass it:
#   eval "$(scripts/container-base.sh)"; podman build --format docker --build-arg BASE_IMAGE=localhost/node:22-bookworm-slim -t opsgate .
# No secret and no .env enters any layer: configuration comes from the environment at run time.
ARG BASE_IMAGE=node:22.14-bookworm-slim@sha256:bac8ff0b5302b06924a5e288fb4ceecef9c8bb0bb92515985d2efdc3a2447052

FROM ${BASE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CI=true
# postinstall runs `prisma generate`, which needs the schema and the config.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund && npm cache clean --force

FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund && rm -rf .next/cache

FROM ${BASE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 OPSGATE_DATA_DIR=/data
# Owned by root and read-only for the app user; only /data and Next's cache are writable.
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json /app/next.config.ts /app/prisma.config.ts /app/instrumentation.ts /app/proxy.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/public ./public
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/lib ./lib
COPY --from=build /app/types ./types
RUN mkdir -p /data /app/.next/cache && chown 1000:1000 /data /app/.next/cache
USER 1000:1000
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
# node runs the launcher directly (no npm, no tsx CLI in the signal path): SIGTERM reaches it.
CMD ["node", "--conditions=react-server", "--import", "tsx", "scripts/opsgate.ts", "start"]
