package org.symbi.kernel.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code room.json} in the data directory: written by a running room or {@code serve} with the URL of its
 * HTTP endpoint, removed when it stops. The command line reads it to talk to the running instance instead
 * of opening the database, which only one process may hold.
 *
 * @param url the base URL of the instance's HTTP endpoint, such as {@code http://127.0.0.1:7420}
 * @param pid the instance's process id, so that a file left behind by a crash is recognised as stale
 */
public record RoomFile(String url, long pid, Instant startedAt) {
    public static final String FILE = "room.json";
    public static final String CERTIFICATE = "room-certificate.pem";
    /** The variable naming {@link #CERTIFICATE} to the agents the room starts (the SDK's RoomCertificate reads it). */
    public static final String CERTIFICATE_ENV = "SYMBI_ROOM_CERTIFICATE";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Records this process as the running instance at {@code url}. */
    public static RoomFile write(DataDir dir, String url, Instant startedAt) {
        RoomFile room = new RoomFile(url, ProcessHandle.current().pid(), startedAt);
        AtomicFile.write(dir.resolve(FILE), JSON.createObjectNode().put("url", url).put("pid", room.pid)
                .put("started_at", startedAt.toString()).toString() + "\n");
        return room;
    }

    /** The running instance on this data directory, if any; a file whose process is gone does not count. */
    public static Optional<RoomFile> running(DataDir dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(file));
            RoomFile room = new RoomFile(n.path("url").asText(), n.path("pid").asLong(),
                    Instant.parse(n.path("started_at").asText()));
            return ProcessHandle.of(room.pid).filter(ProcessHandle::isAlive).map(h -> room);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // half-written or foreign: treat as no instance, the database lock decides
        }
    }

    /**
     * Records the certificates (PEM) the running instance presents over TLS, beside {@code room.json}, for the
     * agents it starts and the command line; null removes a file left by an earlier start with TLS.
     */
    public static void writeCertificate(DataDir dir, String pem) {
        Path file = dir.resolve(CERTIFICATE);
        if (pem != null) {
            AtomicFile.write(file, pem);
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }

    /** The file of the running instance's TLS certificates, if it serves TLS. */
    public static Optional<Path> certificate(DataDir dir) {
        return Optional.of(dir.resolve(CERTIFICATE)).filter(Files::isRegularFile);
    }

    /**
     * What an agent the room starts needs in its environment to trust the room at {@code gatewayUrl}: the file of
     * its certificates in {@link #CERTIFICATE_ENV} over TLS, nothing otherwise.
     */
    public static Map<String, String> certificateEnvironment(DataDir dir, String gatewayUrl) {
        return gatewayUrl.startsWith("wss:")
                ? certificate(dir).map(pem -> Map.of(CERTIFICATE_ENV, pem.toString())).orElse(Map.of())
                : Map.of();
    }

    /** Removes the file, and the certificates beside it, if this process wrote it. */
    public static void remove(DataDir dir) {
        running(dir).filter(r -> r.pid == ProcessHandle.current().pid()).ifPresent(r -> {
            for (String name : List.of(FILE, CERTIFICATE)) {
                Path file = dir.resolve(name);
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + file, e);
                }
            }
        });
    }
}
