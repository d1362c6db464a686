package io.takt.acquisition.delivery;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.takt.platform.config.TaktConfig;
import io.takt.platform.registry.client.RestSchemaRegistryClient;

/**
 * A gateway in a JVM of its own, for the kill -9 test: appends numbered state changes of three
 * machines at a steady rate and prints {@code appended <n>} only after {@code append} returned,
 * i.e. once the event is acknowledged as durable. Then it keeps delivering until it is stopped.
 *
 * <p>Arguments: bootstrap servers, registry URL, site, gateway id, buffer dir, topic, events per
 * second, how many events (0 to only deliver what the buffer holds).
 */
public final class AppendingGateway {

    private AppendingGateway() {
    }

    public static void main(String[] args) throws InterruptedException {
        TaktConfig config = DeliveryRig.config(args[0], args[1], args[2], args[3], Path.of(args[4]));
        String topic = args[5];
        long pauseNanos = TimeUnit.SECONDS.toNanos(1) / Long.parseLong(args[6]);
        long count = Long.parseLong(args[7]);
        StoreAndForward outbox = new StoreAndForward(config, new RestSchemaRegistryClient(args[1]),
                new SimpleMeterRegistry());
        Runtime.getRuntime().addShutdownHook(new Thread(outbox::close));
        outbox.start();
        long next = System.nanoTime();
        for (long seq = 0; seq < count; seq++) {
            String machine = "m" + seq % 3;
            outbox.append(new OutboundEvent(topic, machine, DeliveryRig.stateChange(machine, "child", seq)));
            // The test's stand-in for acknowledging the source: printed only once append returned.
            System.out.println("appended " + seq);
            System.out.flush();
            next += pauseNanos;
            LockSupport.parkNanos(next - System.nanoTime());
        }
        Thread.currentThread().join();
    }
}
