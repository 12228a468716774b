package org.dealgraph.explore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/** The explorer's static page lives under /explore/ (META-INF/resources/explore); /explore leads there. */
@ApplicationScoped
public class ExplorePage {

    void install(@Observes Router router) {
        // Vert.x matches "/explore/" by this path too: only the bare path is redirected.
        router.get("/explore").handler(context -> {
            if (context.request().path().equals("/explore")) {
                context.redirect("/explore/");
            } else {
                context.next();
            }
        });
    }
}
