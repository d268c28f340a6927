using System.Diagnostics;
using CsCheck;
using Xunit.Abstractions;

namespace Rtvi.Tests.Fuzz;

/// <summary>
/// Property tests of the session over generated and mutated client traffic, in all three protocol modes. The suite runs
/// a fixed number of cases; <c>RTVI_FUZZ_MESSAGES</c> (see scripts/fuzz.sh) runs a long mode of at least that many
/// messages and reports cases per second.
/// </summary>
public sealed class SessionFuzzTests(ITestOutputHelper output)
{
    private const int SuiteCases = 600;
    private const int MaxMessagesPerCase = 16;

    [Fact]
    public async Task Hostile_traffic_never_wedges_a_session_or_breaks_the_one_answer_rule()
    {
        var target = long.TryParse(Environment.GetEnvironmentVariable("RTVI_FUZZ_MESSAGES"), out var messages) ? messages : 0;
        var seed = Environment.GetEnvironmentVariable("RTVI_FUZZ_SEED");
        var fuzzer = new SessionFuzzer();
        var clock = Stopwatch.StartNew();
        var iterations = target > 0 ? Math.Max(1, target * 2 / MaxMessagesPerCase) : SuiteCases;
        await FuzzGen.Case(MaxMessagesPerCase).SampleAsync(
            fuzzCase => fuzzer.RunAsync(fuzzCase.Mode, fuzzCase.Messages),
            seed: seed,
            iter: iterations,
            threads: Environment.ProcessorCount,
            print: FuzzGen.Describe);
        clock.Stop();
        output.WriteLine(
            $"fuzz: {fuzzer.Cases} cases, {fuzzer.Messages} messages in {clock.Elapsed.TotalSeconds:F1} s " +
            $"({fuzzer.Cases / clock.Elapsed.TotalSeconds:F0} cases/s, {fuzzer.Messages / clock.Elapsed.TotalSeconds:F0} messages/s); " +
            $"longest clean run: {fuzzer.Messages} messages");
        Assert.True(target == 0 || fuzzer.Messages >= target, "the long mode sends at least the requested messages");
    }
}
