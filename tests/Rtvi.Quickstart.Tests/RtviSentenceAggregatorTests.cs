using Rtvi.Extensions.AI;

namespace Rtvi.Quickstart.Tests;

/// <summary>How the default aggregator cuts streamed text into bot-output sentences.</summary>
public sealed class RtviSentenceAggregatorTests
{
    [Fact]
    public void A_sentence_ends_at_punctuation_followed_by_white_space()
    {
        var splitter = new RtviSentenceAggregator();

        Assert.Empty(splitter.Push("Hello there"));
        Assert.Empty(splitter.Push("."));
        Assert.Equal(["Hello there."], splitter.Push(" How"));
        Assert.Equal(["How are you?"], splitter.Push(" are you? Fine!"));
        Assert.Equal(["Fine!"], splitter.Push(" Bye"));
        Assert.Equal("Bye", splitter.Flush());
        Assert.Null(splitter.Flush());
    }

    [Fact]
    public void Punctuation_inside_a_word_does_not_end_a_sentence()
    {
        var splitter = new RtviSentenceAggregator();

        Assert.Empty(splitter.Push("It costs 3.50 at example.com today"));
        Assert.Equal("It costs 3.50 at example.com today", splitter.Flush());
    }

    [Fact]
    public void A_line_break_ends_a_sentence()
    {
        var splitter = new RtviSentenceAggregator();

        Assert.Equal(["First line", "Second line"], splitter.Push("First line\nSecond line\n\nThird"));
        Assert.Equal("Third", splitter.Flush());
    }
}
