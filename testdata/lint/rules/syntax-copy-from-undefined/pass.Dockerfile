FROM alpine:3.19 AS build
FROM alpine:3.19
COPY --from=build /a /a
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
