FROM alpine:3.19
COPY --from=buidl /a /a
