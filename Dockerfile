# A runner image for Romaine suites: Go and the repository, no browser (the
# browser is its own container, see docker-compose.yml). Build from the repo root:
#   docker build -t romaine-runner .
FROM golang:1.26-bookworm
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The apps bind on the address the browser container reaches (ROMAINE_APP_HOST).
CMD ["go", "test", "-count=1", "-run", "^TestFeatures$", "-v", "."]
