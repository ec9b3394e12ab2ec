package org.sysmodels.presence;

import java.util.List;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.metrics.Metrics;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.scenario.ScenarioEntry;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.system.RealityNote;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.core.system.Subcommand;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.presence.check.Convergence;
import org.sysmodels.presence.check.ExpiryOnTime;
import org.sysmodels.presence.check.ExpiryWorkBounded;
import org.sysmodels.presence.check.InvisibleNeverOnline;
import org.sysmodels.presence.check.ReplayInOrder;
import org.sysmodels.presence.check.WatchLatestOnly;
import org.sysmodels.presence.gateway.LoadCommand;
import org.sysmodels.presence.gateway.ServeCommand;
import org.sysmodels.presence.quiz.PresenceQuiz;
import org.sysmodels.presence.run.PresenceLabs;
import org.sysmodels.presence.run.PresenceSimulation;
import org.sysmodels.presence.run.PresenceTour;
import org.sysmodels.presence.run.SimParts;
import org.sysmodels.presence.run.StoreMemory;
import org.sysmodels.presence.scenario.PresenceScenario;
import org.sysmodels.presence.scenario.PresenceScenarios;

/**
 * {@code sim presence}: a Discord-style presence service. The same presence core runs in a deterministic simulation
 * of millions of users ({@code sim presence}) and behind a real WebSocket gateway speaking Discord's gateway protocol
 * ({@code sim presence serve}, with a browser demo, and {@code sim presence load}).
 */
public final class PresenceSystem implements SimSystem {

    static final OptionSpec<Integer> USERS = OptionSpec.integer("--users", "N", 2, 50_000_000,
            "Simulated users; the scenario's guilds scale with them, so a guild keeps its size.")
            .withDefault("the scenario's, 10000");
    static final OptionSpec<Long> DURATION = OptionSpec.duration("--duration", "TIME", 1_000_000_000L,
            86_400_000_000_000L, "Simulated time with churn (then the run settles).").withDefault("the scenario's, 300s");
    static final OptionSpec<Integer> NODES = OptionSpec.integer("--nodes", "N", 1, 1024,
            "Gateway nodes the sessions are spread over.").withDefault("8");
    static final OptionSpec<String> STORE = OptionSpec.choice("--store", "LAYOUT", List.of("compact", "object"),
            "Store layout: primitive arrays or an object per entity.").withDefault("compact");
    static final OptionSpec<Integer> COMMUNITY = OptionSpec.integer("--community", "N", 0, 50_000_000,
            "Users live in communities of N consecutive ids and draw friends and guilds inside their own (memory "
            + "locality; 0: one uniform random graph).").withDefault("the scenario's, 0");
    static final OptionSpec<Integer> SHARDS = OptionSpec.integer("--shards", "N", 1, 64,
            "Split the run into N shards of users and gateway nodes that run side by side on N threads, in windows "
            + "of --backbone-min (the same seed and N give the same run; the trace needs 1).").withDefault("1");
    static final OptionSpec<Integer> CELL = OptionSpec.integer("--cell", "N", 0, 50_000_000,
            "Run the world as independent cells of N users (whole communities), each its own presence cluster, taken "
            + "in turn so one cell's state stays in the cache; 0: one world.").withDefault("the scenario's, 0");
    static final OptionSpec<Integer> THREADS = OptionSpec.integer("--threads", "N", 1, 64,
            "Threads a world in cells runs its cells on (the result is the same for any N).")
            .withDefault("the machine's cores, at most the cells");
    static final OptionSpec<Long> BACKBONE_MIN = OptionSpec.duration("--backbone-min", "TIME", 0L, 10_000_000_000L,
            "The least time a backbone message takes (the mean stays the scenario's backbone; more than one shard "
            + "needs it above 0).").withDefault("the scenario's, 0");
    /** The shortest window shards may run apart: a barrier per microsecond of simulated time at most. */
    static final long MIN_WINDOW_NS = 1_000;
    static final OptionSpec<Boolean> MEMORY = OptionSpec.flag("--memory",
            "Measure bytes per user: the compact and the object store alone, and the whole warm simulation (full "
                    + "GCs: slower).");

    @Override
    public String name() {
        return "presence";
    }

    @Override
    public String title() {
        return "Discord-style presence: statuses, heartbeats on a timing wheel, coalescing fan-out, a real gateway";
    }

    @Override
    public String description() {
        return "Users with several sessions (desktop, mobile, web) set online, idle, dnd or invisible; others see one "
                + "aggregated presence. Sessions heartbeat; a hierarchical timing wheel expires the silent ones; a "
                + "lost session stays resumable for a window and replays what it missed in order. Every change fans "
                + "out to friends and guild members, batched per gateway node, into outboxes that keep only the "
                + "newest presence per user. `sim presence serve` runs the same core behind a real WebSocket server "
                + "speaking Discord's gateway protocol; `sim presence load` loads it.";
    }

    @Override
    public List<ScenarioEntry> scenarios() {
        return PresenceScenarios.CATALOG.entries();
    }

    @Override
    public List<BugLab> bugLabs() {
        return PresenceLabs.labs();
    }

    @Override
    public List<Rule> rules() {
        return List.of(InvisibleNeverOnline.RULE, WatchLatestOnly.RULE, ReplayInOrder.RULE, ExpiryWorkBounded.RULE,
                ExpiryOnTime.RULE, Convergence.RULE);
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(USERS, DURATION, NODES, STORE, COMMUNITY, CELL, THREADS, BACKBONE_MIN, SHARDS, MEMORY);
    }

    @Override
    public List<Subcommand> subcommands() {
        return List.of(new ServeCommand(), new LoadCommand());
    }

    @Override
    public RunResult run(RunRequest request) throws UserInputException {
        PresenceScenario sc = request.scenario().isPresent()
                ? PresenceScenarios.CATALOG.resolve(request.scenario().get()) : PresenceScenario.DEFAULT;
        RunResult.Builder b = RunResult.builder(name(), title(), request.seed());
        SimParts parts = SimParts.reference();
        PresenceLabs.Lab lab = null;
        if (request.bug().isPresent()) {
            lab = PresenceLabs.byName(bugLab(request.bug().get()).name());
            parts = lab.parts().apply(parts);
            sc = lab.setup().apply(sc);
        }
        sc = withFlags(sc, request.options());
        if (lab != null) {
            // the set-up line shows the world this run used, the user's flags included
            b.lab(lab.asRun(sc));
        }
        int shards = request.options().get(SHARDS).orElse(1);
        // first: a world in cells refuses --shards whatever the shards' own needs (backbone-min, nodes, one trace)
        int threads = threads(sc, shards, request);
        if (shards > 1 && sc.backboneMin() == 0) {
            throw new UserInputException("--shards " + shards + " needs a minimum backbone delay above 0 (--backbone-min,"
                    + " e.g. 500us): it is how far the shards may run apart");
        }
        if (shards > 1 && sc.backboneMin() < MIN_WINDOW_NS) {
            // the shards meet at a barrier every backboneMin of simulated time (PresenceSimulation's Lockstep): at
            // 1 ns that is 10^9 barriers per simulated second, and the run does not end in an hour
            throw new UserInputException("--backbone-min " + SimTime.formatExact(sc.backboneMin()) + " is too short "
                    + "for --shards " + shards + ": the shards meet at a barrier every backbone-min of simulated time; give at least "
                    + "1us (e.g. 500us)");
        }
        if (shards > sc.nodes()) {
            throw new UserInputException("--shards " + shards + " is more than the " + sc.nodes() + " gateway nodes "
                    + "(each shard owns whole nodes)");
        }
        if (shards > 1 && request.trace()) {
            throw new UserInputException("--trace needs --shards 1 (one scheduler, one timeline)");
        }
        boolean memory = request.options().isSet(MEMORY);
        // the layouts' own bytes per user (what the README compares), each built and measured apart, before the run
        StoreMemory.Comparison stores = memory ? StoreMemory.compare(sc, request.seed()) : null;
        PresenceSimulation.Outcome o = PresenceSimulation.run(sc, request.seed(), parts, request.tracer("presence"),
                memory, shards, threads, request.progress());
        o.describe(b);
        Metrics m = o.metrics();
        if (stores != null) {
            b.summary(stores.summary());
            if (stores.measurable()) {
                m.value("compact store bytes per user", stores.compact().perUser(), "B");
                m.value("object store bytes per user", stores.object().perUser(), "B");
            }
        }
        return b.metrics(m.snapshot()).checks(o.checker().rules()).findings(o.findings())
                .trace(o.trace()).build();
    }

    /** The threads a world in cells runs on: --threads, else the machine's cores (at most the cells). */
    static int threads(PresenceScenario sc, int shards, RunRequest request) throws UserInputException {
        Options o = request.options();
        if (sc.cells() > 1 && shards > 1) {
            throw new UserInputException("--shards " + shards + " splits one world, and this one runs in "
                    + sc.cells() + " cells of " + sc.cell() + " users: give --threads " + shards + " to run the cells on "
                    + shards + " threads, or --cell 0 to split one world");
        }
        if (sc.cells() > 1 && request.trace()) {
            throw new UserInputException("--trace needs one world (one scheduler, one timeline), and this one runs "
                    + "in " + sc.cells() + " cells: add --cell 0");
        }
        if (sc.cellsCutGuilds() != null) {
            throw new UserInputException((o.has(CELL) ? "--cell " + sc.cell() : "the scenario's cell of " + sc.cell()
                    + " users") + ": " + sc.cellsCutGuilds() + ", or --cell 0 to run one world");
        }
        if (o.has(THREADS) && sc.cells() == 1 && o.get(THREADS).orElseThrow() > 1) {
            throw new UserInputException("--threads " + o.get(THREADS).orElseThrow() + " runs a world's cells side "
                    + "by side, and this world is one cell" + (shards > 1 ? " (--shards " + shards + " already "
                    + "runs it on " + shards + " threads: leave --threads out)" : sc.cell() == 0 ? " (give --cell N "
                    + "with communities, or --shards N to split one world)" : " (" + sc.users() + " users, cells of "
                    + sc.cell() + ")"));
        }
        return o.get(THREADS).orElse(Math.max(1, Math.min(sc.cells(), Runtime.getRuntime().availableProcessors())));
    }

    static PresenceScenario withFlags(PresenceScenario s, Options o) throws UserInputException {
        checkCommunityFits(s, o);
        PresenceScenario out = s;
        if (o.has(USERS)) {
            out = out.scaledTo(o.get(USERS).orElseThrow());
        }
        if (o.has(DURATION)) {
            out = out.withDuration(o.get(DURATION).orElseThrow());
        }
        if (o.has(STORE)) {
            out = out.withStore(o.get(STORE).orElseThrow());
        }
        if (o.has(COMMUNITY) || o.has(CELL)) {
            int community = o.get(COMMUNITY).orElse(out.community());
            int cell = o.get(CELL).orElse(out.cell());
            if (cell > 0 && (community == 0 || cell % community != 0)) {
                throw new UserInputException((o.has(CELL) ? "--cell " + cell : "the scenario's cell of " + cell
                        + " users") + (community == 0 ? " needs communities (--community above 0)"
                        : " is not a whole number of communities of " + community) + ": a cell holds whole "
                        + "communities, so that no friendship or guild crosses two cells"
                        + (o.has(CELL) ? "" : "; give --cell 0 to run one world"));
            }
            out = out.withCell(0).withCommunity(community).withCell(cell);
        }
        if (o.has(BACKBONE_MIN)) {
            long min = o.get(BACKBONE_MIN).orElseThrow();
            if (min > out.backbone()) {
                throw new UserInputException("--backbone-min " + SimTime.formatExact(min) + " is more than the mean "
                        + "backbone delay, " + SimTime.formatExact(out.backbone()));
            }
            out = out.withBackboneMin(min);
        }
        if (o.has(NODES)) {
            out = out.withNodes(o.get(NODES).orElseThrow());
        }
        return out;
    }

    /**
     * A community holds at most the whole world: {@code --community} above the run's users, or {@code --users} below
     * the scenario's community, is refused naming both numbers (it ran the uniform random graph without a word).
     */
    private static void checkCommunityFits(PresenceScenario s, Options o) throws UserInputException {
        int users = o.get(USERS).orElse(s.users());
        int community = o.get(COMMUNITY).orElse(s.community());
        if (community <= users) {
            return;
        }
        String world = o.has(USERS) ? "--users " + users : "the run's " + users + " users";
        throw new UserInputException(o.has(COMMUNITY)
                ? "--community " + community + " is more than the world (" + world + "): a community holds at most "
                        + "every user; give --community " + users + " or less, or 0 for one uniform random graph"
                : world + " is fewer than the scenario's community of " + community + " users: give --community "
                        + users + " or less (0: one uniform random graph), or --users " + community + " or more");
    }

    @Override
    public RunResult tour(RunRequest request) {
        return PresenceTour.run(RunResult.builder(name(), title(), request.seed()), request);
    }

    @Override
    public List<QuizQuestion> quiz(RunRequest request) {
        return PresenceQuiz.generate(request.seed());
    }

    @Override
    public List<RealityNote> reality() {
        return List.of(
                new RealityNote("Discord's presence and gateway services are written in Elixir on the BEAM. The "
                        + "2020 \"Why Discord is switching from Go to Rust\" post is about the Read States service "
                        + "(garbage-collection spikes every two minutes), not presence; it gives no \"45% memory "
                        + "saved\" figure. Here the memory cost of layout is measured: compact arrays against an "
                        + "object per entity, in the same JVM.",
                        "discord.com/blog/why-discord-is-switching-from-go-to-rust (2020); "
                        + "discord.com/blog/how-discord-scaled-elixir-to-5-000-000-concurrent-users (2017)"),
                new RealityNote("Guild processes fan out to session processes; guilds with over 30,000 connected "
                        + "sessions fell behind at about 70 µs per send. Manifold groups recipients by node and sends"
                        + " once per node, which halved packets per second.",
                        "github.com/discord/manifold README; discord.com/blog/how-discord-scaled-elixir-to-5-000-"
                        + "000-concurrent-users"),
                new RealityNote("Gateway clients may send 120 events per connection per 60 s, payloads of at most "
                        + "4096 bytes (close 4002 above), and must heartbeat every heartbeat_interval (45,000 ms in "
                        + "the docs' example); Discord's docs do not say how a user's sessions combine into one "
                        + "status: the rule here is the model's own.",
                        "discord-api-docs: developers/events/gateway.mdx (Rate Limiting, Sending Events, Sending "
                        + "Heartbeats), gateway-events.mdx (Client Status Object)"),
                new RealityNote("A hierarchical timing wheel makes starting, moving and expiring a timer O(1); a "
                        + "binary heap is O(log n); a scan is O(n) per tick. Kafka's purgatory and Netty's "
                        + "HashedWheelTimer are wheels.",
                        "Varghese & Lauck, SOSP 1987; Kafka core/src/main/scala/kafka/utils/timer/TimingWheel.scala;"
                        + " Netty io.netty.util.HashedWheelTimer"));
    }
}
