FROM alpine:3.19 AS build
FROM alpine:3.19
COPY --from=build /a /b
