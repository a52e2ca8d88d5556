"""The 2007 fact-finding report on trafficking in the Greater Mekong Sub-Region (raw/tip_gms_2007.txt)."""
