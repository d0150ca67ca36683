# The fluid-cdk8s operator image, for any OCI builder:
#   docker build -t ghcr.io/<you>/fluid-cdk8s-operator:0.1.0 . && docker push ghcr.io/<you>/fluid-cdk8s-operator:0.1.0
#   npx fluid-cdk8s install --image ghcr.io/<you>/fluid-cdk8s-operator:0.1.0 | kubectl apply --server-side -f -
# The local cluster builds the same image without a registry or daemon (images/definitions/operator.ts); a unit test
# holds this file to that definition: same Node location, user, entrypoint, environment and files under /app.
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: the build below needs no dependency's install script.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY crds ./crds
COPY imports ./imports
COPY constructs ./constructs
COPY operator ./operator
COPY webhook ./webhook
COPY csi ./csi
COPY cli ./cli
COPY cluster ./cluster
COPY images ./images
COPY scripts ./scripts
COPY bench ./bench
COPY examples ./examples
# Declarations are for the npm package; the image runs JavaScript only, as images/definitions/operator.ts packs it.
RUN npx tsc -p tsconfig.build.json --declaration false && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/bin ./bin
COPY --from=build /src/dist ./dist
COPY --from=build /src/node_modules ./node_modules
# A numeric user, so the pod's runAsNonRoot holds without an /etc/passwd entry.
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/node", "/app/bin/fluid-cdk8s.js"]
CMD ["operator"]
