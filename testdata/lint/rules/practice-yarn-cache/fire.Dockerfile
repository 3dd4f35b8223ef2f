FROM node:20-slim
WORKDIR /app
RUN yarn install --frozen-lockfile
