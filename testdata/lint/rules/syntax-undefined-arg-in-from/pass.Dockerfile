ARG TAG=3.19
FROM alpine:$TAG
FROM --platform=$BUILDPLATFORM alpine:3.19
