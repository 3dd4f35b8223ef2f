FROM debian:12
RUN echo "it's done" && echo 'say "hi"' && echo it\'s
RUN <<EOF
echo "multi
line"
EOF
SHELL ["pwsh", "-c"]
RUN Write-Host "it's"
