FROM alpine:latest
EXPOSE 80/TCP
