package io.dispatch.lifecycle.ports;

import io.dispatch.lifecycle.image.ImageInspector;

/**
 * The adapters one run uses. A task uses only some of them; the others may be null.
 *
 * @param images reads image configs (deploy-image)
 * @param sources clones or downloads source (repository deployments)
 * @param builder builds and pushes images (repository deployments)
 * @param scheduler registers and watches the service job (deployments)
 * @param destroyer stops and purges jobs (destroy-job-pack)
 */
public record Adapters(
    ImageInspector images,
    SourceFetcher sources,
    ImageBuilder builder,
    ServiceScheduler scheduler,
    JobDestroyer destroyer) {}
