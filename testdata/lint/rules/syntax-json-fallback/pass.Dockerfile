FROM alpine:3.19
CMD ["echo", "hi"]
RUN [ -f /etc/os-release ] && cat /etc/os-release
RUN [ "$(uname -m)" = x86_64 ] || echo other
