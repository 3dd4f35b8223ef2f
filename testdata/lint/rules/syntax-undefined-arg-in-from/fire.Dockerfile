FROM alpine:$TAG
