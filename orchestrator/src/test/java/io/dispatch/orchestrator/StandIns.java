package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.fail;

import io.dispatch.lifecycle.image.ImageInspector;
import io.dispatch.lifecycle.params.ImageDeployment;
import io.dispatch.lifecycle.params.RepositoryDeployment;
import io.dispatch.lifecycle.ports.ImageAdapters;
import io.dispatch.lifecycle.ports.ImageBuilder;
import io.dispatch.lifecycle.ports.JobDestroyer;
import io.dispatch.lifecycle.ports.RepositoryAdapters;
import io.dispatch.lifecycle.ports.ServiceScheduler;
import io.dispatch.lifecycle.ports.SourceFetcher;
import java.lang.reflect.Proxy;

/**
 * Adapters for tests: the stand-ins a test gives, and for the others ones that fail the test when
 * they are used. Also the production adapters with only the image reader replaced.
 */
final class StandIns implements AdapterFactory {

  private ImageInspector images = unused(ImageInspector.class);
  private SourceFetcher sources = unused(SourceFetcher.class);
  private ImageBuilder builder = unused(ImageBuilder.class);
  private ServiceScheduler scheduler = unused(ServiceScheduler.class);
  private JobDestroyer destroyer = unused(JobDestroyer.class);

  static StandIns with() {
    return new StandIns();
  }

  /** Adapters that fail the test when a task reaches them, e.g. for bad input. */
  static AdapterFactory unreachable(String why) {
    return new AdapterFactory() {
      @Override
      public Wired<ImageAdapters> image(ImageDeployment deployment, Run run) {
        return fail(why);
      }

      @Override
      public Wired<RepositoryAdapters> repository(RepositoryDeployment deployment, Run run) {
        return fail(why);
      }

      @Override
      public Wired<JobDestroyer> destroy(Run run) {
        return fail(why);
      }
    };
  }

  /** The production adapters, reading image configs with {@code images} instead. */
  static AdapterFactory productionReading(ImageInspector images) {
    ProductionAdapters real = new ProductionAdapters();
    return new AdapterFactory() {
      @Override
      public Wired<ImageAdapters> image(ImageDeployment deployment, Run run) {
        Wired<ImageAdapters> w = real.image(deployment, run);
        return new Wired<>(new ImageAdapters(images, w.adapters().scheduler()), w.release());
      }

      @Override
      public Wired<RepositoryAdapters> repository(RepositoryDeployment deployment, Run run) {
        Wired<RepositoryAdapters> w = real.repository(deployment, run);
        RepositoryAdapters a = w.adapters();
        return new Wired<>(
            new RepositoryAdapters(a.sources(), a.builder(), images, a.scheduler()), w.release());
      }

      @Override
      public Wired<JobDestroyer> destroy(Run run) {
        return real.destroy(run);
      }
    };
  }

  StandIns images(ImageInspector v) {
    images = v;
    return this;
  }

  StandIns sources(SourceFetcher v) {
    sources = v;
    return this;
  }

  StandIns builder(ImageBuilder v) {
    builder = v;
    return this;
  }

  StandIns scheduler(ServiceScheduler v) {
    scheduler = v;
    return this;
  }

  StandIns destroyer(JobDestroyer v) {
    destroyer = v;
    return this;
  }

  @Override
  public Wired<ImageAdapters> image(ImageDeployment deployment, Run run) {
    return Wired.of(new ImageAdapters(images, scheduler));
  }

  @Override
  public Wired<RepositoryAdapters> repository(RepositoryDeployment deployment, Run run) {
    return Wired.of(new RepositoryAdapters(sources, builder, images, scheduler));
  }

  @Override
  public Wired<JobDestroyer> destroy(Run run) {
    return Wired.of(destroyer);
  }

  /** A stand-in that fails the test on any call but {@code toString}. */
  private static <T> T unused(Class<T> port) {
    return port.cast(
        Proxy.newProxyInstance(
            StandIns.class.getClassLoader(),
            new Class<?>[] {port},
            (proxy, method, args) -> {
              if (method.getName().equals("toString")) {
                return "unused " + port.getSimpleName();
              }
              if (method.isDefault()) {
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
              }
              return fail(
                  "the test did not expect " + port.getSimpleName() + "." + method.getName());
            }));
  }
}
