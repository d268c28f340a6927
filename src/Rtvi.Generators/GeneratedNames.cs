namespace Rtvi.Generators
{
    /// <summary>Names of generated types that other generated code, and the author's code, refer to.</summary>
    internal static class GeneratedNames
    {
        /// <summary>The class holding the JSON metadata the generator emits (see <c>JsonResolverEmitter</c>).</summary>
        public const string JsonClass = "RtviGeneratedJson";

        /// <summary><see cref="JsonClass"/>, fully qualified.</summary>
        public const string Json = "global::Rtvi." + JsonClass;
    }
}
