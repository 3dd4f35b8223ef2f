FROM alpine:3.19 AS a
CMD ["echo", "hi"]
FROM alpine:3.19 AS b
SHELL ["/bin/bash", "-c"]
CMD echo hi
FROM alpine:3.19
