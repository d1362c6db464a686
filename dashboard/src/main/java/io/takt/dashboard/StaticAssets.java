package io.takt.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The browser side of the dashboard (HTML, JavaScript, CSS), served from the jar: {@code /} is the
 * page, {@code /assets/<file>} the rest. Plain files with no build step, so the jar is all a plant
 * needs; only known file names are served, so no path can reach elsewhere on the class path.
 */
final class StaticAssets {

    private static final String ROOT = "/io/takt/dashboard/web/";
    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    void page(Context ctx) throws IOException {
        serve(ctx, "index.html");
    }

    void asset(Context ctx) throws IOException {
        serve(ctx, ctx.pathParam("file"));
    }

    private static void serve(Context ctx, String file) throws IOException {
        if (!FILE_NAME.matcher(file).matches()) {
            ctx.status(HttpStatus.NOT_FOUND).result("No such asset: " + file);
            return;
        }
        try (InputStream in = StaticAssets.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                ctx.status(HttpStatus.NOT_FOUND).result("No such asset: " + file);
                return;
            }
            String extension = file.substring(file.lastIndexOf('.') + 1);
            // Revalidated on every load: after an upgrade the browser must not mix old script with new data.
            ctx.header("Cache-Control", "no-cache").contentType(CONTENT_TYPES.get(extension)).result(in.readAllBytes());
        }
    }
}
