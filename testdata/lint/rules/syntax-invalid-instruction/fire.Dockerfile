FROM alpine:3.19
COPY --bogus=1 a /b
