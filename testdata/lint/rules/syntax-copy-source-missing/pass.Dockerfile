FROM ruby:3.3-slim AS build
WORKDIR /app
ARG DIR=app
COPY Gemfile ./
COPY ./${DIR}/*.rb ./app/
COPY . .
ADD https://example.com/x.tar.gz /tmp/
COPY <<EOF /etc/motd
hi
EOF
FROM ruby:3.3-slim
COPY --from=build /app /app
