package vn.sulieu.opensearch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node of a loopback cluster, started in this JVM with the HTTP transport, the common
 * analysis module and the reindex module (delete-by-query) loaded from the class path (the distribution would load them from its modules/ folder).
 *
 * Arguments are key=value pairs: home, name, cluster, http, transport, seeds (host:port,...), masters
 * (node names that bootstrap the cluster; empty means single-node discovery).
 */
public final class SulieuNode {

    /** Node's constructor taking class-path plugins is protected: a subclass is the supported way in. */
    static final class ClasspathNode extends Node {
        ClasspathNode(Environment env) {
            super(env, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, ReindexPlugin.class), true);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("argument must be key=value: " + arg);
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path home = Path.of(require(a, "home")).toAbsolutePath();
        Files.createDirectories(home.resolve("plugins"));
        Files.createDirectories(home.resolve("modules"));
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));

        Settings.Builder s = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", a.getOrDefault("cluster", "sulieu-test"))
            .put("node.name", require(a, "name"))
            .put("network.host", "127.0.0.1")
            .put("http.port", require(a, "http"))
            .put("transport.port", require(a, "transport"))
            .put("action.auto_create_index", "false")
            .put("cluster.routing.allocation.disk.threshold_enabled", "false");
        String masters = a.getOrDefault("masters", "");
        if (masters.isEmpty()) {
            s.put("discovery.type", "single-node");
        } else {
            s.putList("discovery.seed_hosts", List.of(require(a, "seeds").split(",")));
            s.putList("cluster.initial_cluster_manager_nodes", List.of(masters.split(",")));
        }
        Settings settings = s.build();
        LogConfigurator.registerErrorListener();
        LogConfigurator.configureWithoutConfig(settings);
        Environment env = InternalSettingsPreparer.prepareEnvironment(
            settings, Collections.emptyMap(), home.resolve("config"), () -> a.get("name"));

        Node node = new ClasspathNode(env);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));
        node.start();
        System.out.println("sulieu-opensearch: node " + a.get("name") + " started, http " + a.get("http"));
        stopped.await();
    }

    private static String require(Map<String, String> a, String key) {
        String v = a.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return v;
    }
}
