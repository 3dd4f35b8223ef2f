FROM node:20-slim
WORKDIR /app
RUN yarn install --frozen-lockfile && yarn cache clean
RUN npm install -g yarn@1.22.22
