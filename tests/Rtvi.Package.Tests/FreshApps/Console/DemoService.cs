using Rtvi;

namespace Demo;

[RtviService("demo")]
public static class DemoService
{
    [RtviAction("add")]
    public static int Add(int a, int b) => a + b;
}
