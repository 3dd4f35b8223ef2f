FROM alpine:3.19
# Unknown values are not judged.
WORKDIR $APP_HOME
WORKDIR /app
WORKDIR sub
