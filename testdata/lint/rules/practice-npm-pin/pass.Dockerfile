FROM node:20-slim
RUN npm install -g yarn@1.22.22 @scope/cli@2.1.0
RUN npm ci && npm install
RUN npm install ./vendor/pkg.tgz
