// Package deploy holds the deployment files of debrief and the tests that
// keep them consistent with the binary:
//
//	Dockerfile, Dockerfile.dockerignore   multi-stage image (CGO build, Debian slim runtime)
//	docker-compose.yml                    debrief + ClickHouse
//	k8s/                                  Deployment, Service, ConfigMap (kubectl apply -k)
//	clickhouse/                           sharded-cluster config, compose file and SQL notes
//
// There is no Go code to import here; the package exists for its tests,
// which parse every file (yaml.v3, encoding/xml, a Dockerfile instruction
// reader) and check ports, environment, probes and DSNs against what
// cmd/debrief, store/open, store/clickhouse and dashboard expect.
package deploy
