package io.takt.acquisition.plc4x;

import io.takt.acquisition.source.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import org.apache.plc4x.java.DefaultPlcDriverManager;
import org.apache.plc4x.java.api.PlcConnection;
import org.apache.plc4x.java.api.PlcConnectionManager;
import org.apache.plc4x.java.api.messages.PlcReadRequest;
import org.apache.plc4x.java.api.messages.PlcReadResponse;
import org.apache.plc4x.java.api.types.PlcResponseCode;
import org.apache.plc4x.java.spi.Plc4xNettyWrapper;
import org.apache.plc4x.java.spi.connection.AbstractPlcConnection;
import org.apache.plc4x.java.spi.connection.ChannelExposingConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.SourceStatus;
import io.takt.acquisition.source.TagListener;
import io.takt.acquisition.source.TagSample;
import io.takt.acquisition.source.TagSource;
import io.takt.acquisition.tagmap.SourceDefinition;
import io.takt.acquisition.tagmap.TagDefinition;

/**
 * Polls a legacy PLC over Modbus/TCP or S7 through PLC4X: the source's tags grouped by poll rate,
 * one read request per group per period, on one thread per source.
 *
 * <p>Any failed read or connection (refused, reset, no answer within the request timeout) makes
 * every tag of the source NO_DATA at that moment, closes the PLC4X connection and opens a new one
 * with capped exponential backoff, for as long as the source is open. PLC4X connections do not
 * recover by themselves once their channel is gone, so the source never reuses one after a failure.
 * Link changes are logged once each (INFO on connect, WARN on loss), never per failed attempt.
 */
public final class Plc4xSource implements TagSource {

    private static final Logger LOG = LoggerFactory.getLogger(Plc4xSource.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final String id;
    private final Plc4xSettings settings;
    private final List<PollGroup> groups;
    private final List<TagDefinition> tags;
    private final PlcConnectionManager connections;
    private final Clock clock;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile SourceStatus status;
    private volatile Thread poller;
    private TagListener listener;
    private PlcConnection connection;
    private Backoff backoff;
    private boolean everConnected;
    private boolean inOutage;
    private Instant outageSince;
    private volatile Plc4xNettyWrapper<?> wrapper;
    private volatile ChannelHandlerContext wrapperContext;

    /** A source for the modbus or s7 {@code source} of the tag map and its tags. */
    public Plc4xSource(SourceDefinition source, List<TagDefinition> tags) {
        this(source, tags, new DefaultPlcDriverManager(), Clock.systemUTC());
    }

    Plc4xSource(SourceDefinition source, List<TagDefinition> tags, PlcConnectionManager connections, Clock clock) {
        this.id = source.id();
        this.settings = Plc4xSettings.of(source);
        this.tags = List.copyOf(tags);
        this.groups = group(tags, settings.pollInterval());
        this.connections = connections;
        this.clock = clock;
        this.status = new SourceStatus(id, ConnectionState.CLOSED, clock.instant(), 0, 0, null);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized void start(TagListener tagListener) {
        if (poller != null) {
            throw new IllegalStateException("Source " + id + " is already started");
        }
        this.listener = tagListener;
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
        Thread t = new Thread(this::run, "plc4x-" + id);
        t.setDaemon(true);
        poller = t;
        t.start();
    }

    @Override
    public SourceStatus status() {
        SourceStatus s = status;
        return new SourceStatus(id, s.state(), s.since(), samples.get(), reconnects.get(), s.lastError());
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed.getCount() == 0) {
                return;
            }
            closed.countDown();
            t = poller;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(settings.requestTimeout().plus(CLOSE_WAIT).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        setState(ConnectionState.CLOSED, null);
        LOG.info("Source {} closed", id);
    }

    private void run() {
        try {
            while (!isClosed()) {
                if (connection == null && !connect()) {
                    pause(backoff.next());
                    continue;
                }
                pollDueGroups();
                pause(untilNextDue());
            }
        } finally {
            disconnect();
        }
    }

    private boolean connect() {
        if (status.state() != ConnectionState.CONNECTING) {
            setState(ConnectionState.CONNECTING, status.lastError());
        }
        try {
            PlcConnection c = connections.getConnection(settings.url());
            if (!c.isConnected()) {
                closeQuietly(c);
                throw new IllegalStateException("connection not established");
            }
            connection = c;
            rememberWrapper(c);
        } catch (Exception e) {
            lost("cannot connect to " + settings.url() + ": " + message(e));
            return false;
        }
        backoff.reset();
        groups.forEach(PollGroup::reset);
        if (everConnected) {
            reconnects.incrementAndGet();
            LOG.info("Source {} reconnected to {} after {} without data", id, settings.url(),
                    Duration.between(outageSince, clock.instant()));
        } else {
            LOG.info("Source {} connected to {}: {} tags in {} poll groups", id, settings.url(), tags.size(),
                    groups.size());
        }
        everConnected = true;
        inOutage = false;
        setState(ConnectionState.CONNECTED, null);
        return true;
    }

    private void pollDueGroups() {
        for (PollGroup group : groups) {
            if (isClosed() || connection == null) {
                return;
            }
            if (group.isDue(clock.instant())) {
                group.polled(clock.instant());
                read(group);
            }
        }
    }

    private void read(PollGroup group) {
        if (!connection.isConnected()) {
            lost("the PLC closed the connection"); // at once, rather than after a request timeout
            return;
        }
        PlcReadResponse response;
        try {
            PlcReadRequest.Builder builder = connection.readRequestBuilder();
            group.tags().forEach(t -> builder.addTagAddress(t.address(), t.address()));
            var future = builder.build().execute();
            try {
                response = future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new TimeoutException("no answer within " + settings.requestTimeout().toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            lost("read failed: " + message(e));
            return;
        }
        deliver(group, response, clock.instant());
    }

    private void deliver(PollGroup group, PlcReadResponse response, Instant readAt) {
        for (TagDefinition tag : group.tags()) {
            PlcResponseCode code = response.getResponseCode(tag.address());
            Object value = code == PlcResponseCode.OK ? PlcValues.normalise(response.getPlcValue(tag.address())) : null;
            if (value == null) {
                tagFailed(group, tag, code, readAt);
            } else if (group.changed(tag.address(), value)) {
                emit(new TagSample(id, tag.address(), value, SampleQuality.GOOD, readAt, readAt));
            }
        }
    }

    // The PLC answered but not for this tag (bad address, wrong type): that tag has no data, the link is fine.
    private void tagFailed(PollGroup group, TagDefinition tag, PlcResponseCode code, Instant readAt) {
        if (group.changed(tag.address(), code)) {
            LOG.warn("Source {}: tag {} (tags[{}]) read {}; reporting NO_DATA until it reads again", id,
                    tag.address(), tag.index(), code);
            emit(new TagSample(id, tag.address(), null, SampleQuality.NO_DATA, readAt, readAt));
        }
    }

    private void lost(String reason) {
        Instant now = clock.instant();
        disconnect();
        if (!inOutage) {
            inOutage = true;
            outageSince = now;
            LOG.warn("Source {} has no data from {}: {}; reconnecting with backoff up to {}", id, settings.url(),
                    reason, settings.backoffMax());
            for (TagDefinition tag : tags) {
                emit(new TagSample(id, tag.address(), null, SampleQuality.NO_DATA, now, now));
            }
            setState(ConnectionState.DISCONNECTED, reason);
        } else {
            LOG.debug("Source {}: still no data: {}", id, reason);
            status = new SourceStatus(id, status.state(), status.since(), 0, 0, reason);
        }
    }

    private void emit(TagSample sample) {
        samples.incrementAndGet();
        try {
            listener.onSample(sample);
        } catch (RuntimeException e) {
            LOG.error("Source {}: the listener failed on tag {}; the sample is lost", id, sample.address(), e);
        }
    }

    // PLC4X 0.13.1's close waits for a disconnect handshake that a dead channel never completes, so it
    // runs on its own thread, waited for only while the channel is alive. And once the PLC has closed
    // the channel, close() no longer reaches the protocol, whose request thread pool would be left
    // behind on every reconnect (PLC4X issue #2229): shut it down directly.
    private void disconnect() {
        PlcConnection c = connection;
        connection = null;
        if (c == null) {
            return;
        }
        boolean alive = c.isConnected();
        Thread closer = new Thread(() -> {
            releaseProtocol(c);
            closeQuietly(c);
        }, "plc4x-close-" + id);
        closer.setDaemon(true);
        closer.start();
        if (alive) {
            try {
                closer.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void releaseProtocol(PlcConnection c) {
        if (c instanceof AbstractPlcConnection spi && spi.getProtocol() != null) {
            try {
                spi.getProtocol().close(null);
            } catch (RuntimeException e) {
                LOG.debug("Releasing the PLC4X protocol of a dead connection failed: {}", e.getMessage());
            }
        }
        // The wrapper's outbound close also stops its per-connection timer thread (HashedWheelTimer).
        Plc4xNettyWrapper<?> w = wrapper;
        ChannelHandlerContext ctx = wrapperContext;
        wrapper = null;
        wrapperContext = null;
        if (w != null && ctx != null) {
            try {
                w.close(ctx, ctx.newPromise());
            } catch (Exception e) {
                LOG.debug("Stopping the PLC4X timer of a dead connection failed: {}", e.getMessage());
            }
        }
    }

    private void rememberWrapper(PlcConnection c) {
        if (c instanceof ChannelExposingConnection exposing && exposing.getChannel() != null) {
            ChannelPipeline pipeline = exposing.getChannel().pipeline();
            wrapper = pipeline.get(Plc4xNettyWrapper.class);
            wrapperContext = wrapper == null ? null : pipeline.context(wrapper);
        }
    }

    private void setState(ConnectionState state, String detail) {
        status = new SourceStatus(id, state, clock.instant(), 0, 0, detail);
        TagListener l = listener;
        if (l != null) {
            try {
                l.onConnection(id, state, detail);
            } catch (RuntimeException e) {
                LOG.error("Source {}: the listener failed on a connection change", id, e);
            }
        }
    }

    private Duration untilNextDue() {
        Instant next = groups.stream().map(PollGroup::due).min(Instant::compareTo).orElse(clock.instant());
        Duration wait = Duration.between(clock.instant(), next);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            closed.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isClosed() {
        return closed.getCount() == 0 || Thread.currentThread().isInterrupted();
    }

    private static List<PollGroup> group(List<TagDefinition> tags, Duration defaultInterval) {
        Map<Duration, List<TagDefinition>> byInterval = new LinkedHashMap<>();
        for (TagDefinition tag : tags) {
            Duration interval = tag.pollInterval() != null ? tag.pollInterval() : defaultInterval;
            byInterval.computeIfAbsent(interval, d -> new ArrayList<>()).add(tag);
        }
        List<PollGroup> groups = new ArrayList<>();
        byInterval.forEach((interval, members) -> groups.add(new PollGroup(interval, members)));
        return groups;
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? text : e.getClass().getSimpleName() + ": " + text;
    }

    private static void closeQuietly(PlcConnection c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Closing a PLC4X connection failed: {}", e.getMessage());
        }
    }
}
