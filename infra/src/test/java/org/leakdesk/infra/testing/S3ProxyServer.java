package org.leakdesk.infra.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: S3Proxy (from Maven Central) with its filesystem
 * backend, started once per test JVM as a process of its own on a free loopback port, with
 * credentials made up at start. It runs from its self-contained jar, which the module's build
 * copies to {@code target/s3proxy/} (system property {@code leakdesk.test.s3proxy.jar}), so its
 * Jetty and Logback never meet the application's on one classpath.
 */
public final class S3ProxyServer {

    private static final Pattern LISTENING = Pattern.compile("ServerConnector@.*\\{127\\.0\\.0\\.1:(\\d+)}");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static S3ProxyServer shared;
    private static IllegalStateException failedToStart;

    private final Process process;
    private final URI endpoint;
    private final Path dataDirectory;
    private final Path credentialsFile;
    private final String accessKey;
    private final String secretKey;
    private final S3Client client;

    /** The server every test of this JVM shares (each test uses buckets of its own). */
    public static synchronized S3ProxyServer shared() {
        if (failedToStart != null) {
            throw failedToStart;
        }
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                failedToStart = new IllegalStateException("Could not start S3Proxy", e);
                throw failedToStart;
            }
            S3ProxyServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "s3proxy-stop"));
        }
        return shared;
    }

    private S3ProxyServer(
            Process process,
            URI endpoint,
            Path dataDirectory,
            Path credentialsFile,
            String accessKey,
            String secretKey) {
        this.process = process;
        this.endpoint = endpoint;
        this.dataDirectory = dataDirectory;
        this.credentialsFile = credentialsFile;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.client = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    private static S3ProxyServer start() throws IOException {
        String jar = System.getProperty("leakdesk.test.s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("S3Proxy's jar is missing (" + jar + "): build with Maven, whose"
                    + " maven-dependency-plugin copies it to target/s3proxy/ (needs Maven Central once)");
        }
        Path home = Files.createDirectories(Path.of("target", "s3proxy-runs"))
                .toAbsolutePath()
                .resolve("run-" + ProcessHandle.current().pid() + "-" + random(4));
        Path data = Files.createDirectories(home.resolve("data"));
        String accessKey = "test-" + random(8);
        String secretKey = random(20);
        Path properties = home.resolve("s3proxy.conf");
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "s3proxy.endpoint=http://127.0.0.1:0",
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + accessKey,
                        "s3proxy.credential=" + secretKey,
                        "jclouds.provider=filesystem-nio2",
                        "jclouds.filesystem.basedir=" + data,
                        ""));
        Path credentials = home.resolve("credentials");
        Files.writeString(
                credentials,
                "[default]\naws_access_key_id = " + accessKey + "\naws_secret_access_key = " + secretKey + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar, "--properties", properties.toString()))
                .redirectErrorStream(true);
        Process process = builder.start();
        int port = awaitPort(process, home.resolve("s3proxy.log"));
        return new S3ProxyServer(
                process, URI.create("http://127.0.0.1:" + port), data, credentials, accessKey, secretKey);
    }

    /** Reads the server's output (into a log file) until it says which port it listens on. */
    private static int awaitPort(Process process, Path log) throws IOException {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                            var out = Files.newBufferedWriter(log)) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            out.write(line);
                            out.newLine();
                            out.flush();
                            Matcher listening = LISTENING.matcher(line);
                            if (line.contains("Started") && listening.find()) {
                                port.complete(Integer.parseInt(listening.group(1)));
                            }
                        }
                    } catch (IOException e) {
                        port.completeExceptionally(e);
                    }
                    port.completeExceptionally(new IOException("S3Proxy ended; see " + log));
                },
                "s3proxy-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while S3Proxy started", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("S3Proxy did not start; see " + log, e);
        }
    }

    /** Creates a fresh, empty bucket and returns its name. */
    public String createBucket() {
        String bucket = "leakdesk-" + random(6);
        client.createBucket(request -> request.bucket(bucket));
        return bucket;
    }

    /** The server's URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Where the server keeps its buckets on disk (one folder per bucket). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** An AWS credentials file ({@code [default]} profile) with the server's made-up credentials. */
    public Path credentialsFile() {
        return credentialsFile;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** A client of this server (path-style addressing), for a test to look at buckets directly. */
    public S3Client client() {
        return client;
    }

    private void stop() {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
