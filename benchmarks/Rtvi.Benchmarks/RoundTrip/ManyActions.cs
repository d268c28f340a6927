namespace Rtvi.Benchmarks.RoundTrip;

// 48 two-argument actions so that, with calc:add and orders:place, describe-actions lists 50.

/// <summary>Actions that exist to be described.</summary>
public static class ManyActions
{
    /// <summary><c>many:action_01</c>.</summary>
    [RtviAction("action_01", Service = "many")]
    public static int Action01(int count, string label) => count + label.Length;

    /// <summary><c>many:action_02</c>.</summary>
    [RtviAction("action_02", Service = "many")]
    public static int Action02(int count, string label) => count + label.Length;

    /// <summary><c>many:action_03</c>.</summary>
    [RtviAction("action_03", Service = "many")]
    public static int Action03(int count, string label) => count + label.Length;

    /// <summary><c>many:action_04</c>.</summary>
    [RtviAction("action_04", Service = "many")]
    public static int Action04(int count, string label) => count + label.Length;

    /// <summary><c>many:action_05</c>.</summary>
    [RtviAction("action_05", Service = "many")]
    public static int Action05(int count, string label) => count + label.Length;

    /// <summary><c>many:action_06</c>.</summary>
    [RtviAction("action_06", Service = "many")]
    public static int Action06(int count, string label) => count + label.Length;

    /// <summary><c>many:action_07</c>.</summary>
    [RtviAction("action_07", Service = "many")]
    public static int Action07(int count, string label) => count + label.Length;

    /// <summary><c>many:action_08</c>.</summary>
    [RtviAction("action_08", Service = "many")]
    public static int Action08(int count, string label) => count + label.Length;

    /// <summary><c>many:action_09</c>.</summary>
    [RtviAction("action_09", Service = "many")]
    public static int Action09(int count, string label) => count + label.Length;

    /// <summary><c>many:action_10</c>.</summary>
    [RtviAction("action_10", Service = "many")]
    public static int Action10(int count, string label) => count + label.Length;

    /// <summary><c>many:action_11</c>.</summary>
    [RtviAction("action_11", Service = "many")]
    public static int Action11(int count, string label) => count + label.Length;

    /// <summary><c>many:action_12</c>.</summary>
    [RtviAction("action_12", Service = "many")]
    public static int Action12(int count, string label) => count + label.Length;

    /// <summary><c>many:action_13</c>.</summary>
    [RtviAction("action_13", Service = "many")]
    public static int Action13(int count, string label) => count + label.Length;

    /// <summary><c>many:action_14</c>.</summary>
    [RtviAction("action_14", Service = "many")]
    public static int Action14(int count, string label) => count + label.Length;

    /// <summary><c>many:action_15</c>.</summary>
    [RtviAction("action_15", Service = "many")]
    public static int Action15(int count, string label) => count + label.Length;

    /// <summary><c>many:action_16</c>.</summary>
    [RtviAction("action_16", Service = "many")]
    public static int Action16(int count, string label) => count + label.Length;

    /// <summary><c>many:action_17</c>.</summary>
    [RtviAction("action_17", Service = "many")]
    public static int Action17(int count, string label) => count + label.Length;

    /// <summary><c>many:action_18</c>.</summary>
    [RtviAction("action_18", Service = "many")]
    public static int Action18(int count, string label) => count + label.Length;

    /// <summary><c>many:action_19</c>.</summary>
    [RtviAction("action_19", Service = "many")]
    public static int Action19(int count, string label) => count + label.Length;

    /// <summary><c>many:action_20</c>.</summary>
    [RtviAction("action_20", Service = "many")]
    public static int Action20(int count, string label) => count + label.Length;

    /// <summary><c>many:action_21</c>.</summary>
    [RtviAction("action_21", Service = "many")]
    public static int Action21(int count, string label) => count + label.Length;

    /// <summary><c>many:action_22</c>.</summary>
    [RtviAction("action_22", Service = "many")]
    public static int Action22(int count, string label) => count + label.Length;

    /// <summary><c>many:action_23</c>.</summary>
    [RtviAction("action_23", Service = "many")]
    public static int Action23(int count, string label) => count + label.Length;

    /// <summary><c>many:action_24</c>.</summary>
    [RtviAction("action_24", Service = "many")]
    public static int Action24(int count, string label) => count + label.Length;

    /// <summary><c>many:action_25</c>.</summary>
    [RtviAction("action_25", Service = "many")]
    public static int Action25(int count, string label) => count + label.Length;

    /// <summary><c>many:action_26</c>.</summary>
    [RtviAction("action_26", Service = "many")]
    public static int Action26(int count, string label) => count + label.Length;

    /// <summary><c>many:action_27</c>.</summary>
    [RtviAction("action_27", Service = "many")]
    public static int Action27(int count, string label) => count + label.Length;

    /// <summary><c>many:action_28</c>.</summary>
    [RtviAction("action_28", Service = "many")]
    public static int Action28(int count, string label) => count + label.Length;

    /// <summary><c>many:action_29</c>.</summary>
    [RtviAction("action_29", Service = "many")]
    public static int Action29(int count, string label) => count + label.Length;

    /// <summary><c>many:action_30</c>.</summary>
    [RtviAction("action_30", Service = "many")]
    public static int Action30(int count, string label) => count + label.Length;

    /// <summary><c>many:action_31</c>.</summary>
    [RtviAction("action_31", Service = "many")]
    public static int Action31(int count, string label) => count + label.Length;

    /// <summary><c>many:action_32</c>.</summary>
    [RtviAction("action_32", Service = "many")]
    public static int Action32(int count, string label) => count + label.Length;

    /// <summary><c>many:action_33</c>.</summary>
    [RtviAction("action_33", Service = "many")]
    public static int Action33(int count, string label) => count + label.Length;

    /// <summary><c>many:action_34</c>.</summary>
    [RtviAction("action_34", Service = "many")]
    public static int Action34(int count, string label) => count + label.Length;

    /// <summary><c>many:action_35</c>.</summary>
    [RtviAction("action_35", Service = "many")]
    public static int Action35(int count, string label) => count + label.Length;

    /// <summary><c>many:action_36</c>.</summary>
    [RtviAction("action_36", Service = "many")]
    public static int Action36(int count, string label) => count + label.Length;

    /// <summary><c>many:action_37</c>.</summary>
    [RtviAction("action_37", Service = "many")]
    public static int Action37(int count, string label) => count + label.Length;

    /// <summary><c>many:action_38</c>.</summary>
    [RtviAction("action_38", Service = "many")]
    public static int Action38(int count, string label) => count + label.Length;

    /// <summary><c>many:action_39</c>.</summary>
    [RtviAction("action_39", Service = "many")]
    public static int Action39(int count, string label) => count + label.Length;

    /// <summary><c>many:action_40</c>.</summary>
    [RtviAction("action_40", Service = "many")]
    public static int Action40(int count, string label) => count + label.Length;

    /// <summary><c>many:action_41</c>.</summary>
    [RtviAction("action_41", Service = "many")]
    public static int Action41(int count, string label) => count + label.Length;

    /// <summary><c>many:action_42</c>.</summary>
    [RtviAction("action_42", Service = "many")]
    public static int Action42(int count, string label) => count + label.Length;

    /// <summary><c>many:action_43</c>.</summary>
    [RtviAction("action_43", Service = "many")]
    public static int Action43(int count, string label) => count + label.Length;

    /// <summary><c>many:action_44</c>.</summary>
    [RtviAction("action_44", Service = "many")]
    public static int Action44(int count, string label) => count + label.Length;

    /// <summary><c>many:action_45</c>.</summary>
    [RtviAction("action_45", Service = "many")]
    public static int Action45(int count, string label) => count + label.Length;

    /// <summary><c>many:action_46</c>.</summary>
    [RtviAction("action_46", Service = "many")]
    public static int Action46(int count, string label) => count + label.Length;

    /// <summary><c>many:action_47</c>.</summary>
    [RtviAction("action_47", Service = "many")]
    public static int Action47(int count, string label) => count + label.Length;

    /// <summary><c>many:action_48</c>.</summary>
    [RtviAction("action_48", Service = "many")]
    public static int Action48(int count, string label) => count + label.Length;
}
