FROM --platform=$BUILDPLATFORM alpine:3.19
