FROM alpine:3.19
MAINTAINER me <me@example.com>
