# The dispatch orchestrator as a Nomad parameterized job. A platform starts one deployment with
#
#   nomad job dispatch \
#     -meta task=deploy-image \
#     -meta params="$(base64 -w0 params.json)" \
#     dispatch-orchestrator
#
# Nomad hands each meta key to the task twice, as written and upper-cased (NOMAD_META_task and
# NOMAD_META_TASK); the orchestrator reads the name as written first. Keep the parameters small:
# one environment string may hold at most 128 KiB.
job "dispatch-orchestrator" {
  type        = "batch"
  datacenters = ["*"]

  parameterized {
    payload       = "forbidden"
    meta_required = ["task", "params"]
    meta_optional = ["traceparent"]
  }

  group "orchestrator" {
    count = 1

    # A failed deployment must not run again by itself: the platform decides what happens next.
    restart {
      attempts = 0
      mode     = "fail"
    }

    reschedule {
      attempts  = 0
      unlimited = false
    }

    task "orchestrator" {
      driver = "docker"

      config {
        image = "registry.example.com/platform/dispatch-orchestrator:0.1.0"
        # Builds and pushes go through the host's Docker engine. The client must allow host
        # volumes: plugin "docker" { config { volumes { enabled = true } } }. This gives the task
        # root-equivalent power on the host; run it on dedicated build nodes.
        volumes = ["/var/run/docker.sock:/var/run/docker.sock"]
      }

      # NOMAD_TOKEN: a workload identity for this job. Attach a policy that grants submit-job and
      # read-job on the namespaces it deploys to:
      #   nomad acl policy apply -namespace default -job dispatch-orchestrator deployer ./deployer.hcl
      identity {
        env = true
      }

      env {
        NOMAD_ADDR       = "http://${attr.unique.network.ip-address}:4646"
        DOCKER_HOST      = "unix:///var/run/docker.sock"
        SERVICE_PROVIDER = "nomad"
        DISPATCH_TIMEOUT = "15m"
        LOG_FORMAT       = "text"
      }

      # The backend and registry credentials live in Nomad Variables, never in the job spec:
      #   nomad var put nomad/jobs/dispatch-orchestrator backend_url=… access_token=… \
      #     registry_url=… registry_username=… registry_password=…
      template {
        destination = "secrets/orchestrator.env"
        env         = true
        data        = <<-EOT
          {{ with nomadVar "nomad/jobs/dispatch-orchestrator" }}
          BACKEND_URL={{ .backend_url }}
          ACCESS_TOKEN={{ .access_token }}
          REGISTRY_URL={{ .registry_url }}
          REGISTRY_USERNAME={{ .registry_username }}
          REGISTRY_PASSWORD={{ .registry_password }}
          {{ end }}
        EOT
      }

      # On a stop, Nomad sends SIGTERM; the orchestrator reports the running step as
      # failed/cancelled, removes its work directory and exits within 5 seconds. 10 s leaves margin
      # (the client caps kill_timeout at its max_kill_timeout, 30 s by default).
      kill_signal  = "SIGTERM"
      kill_timeout = "10s"

      resources {
        cpu    = 1000
        memory = 512
      }
    }
  }
}
